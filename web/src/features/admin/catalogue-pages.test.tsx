import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import type { Component } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient, type Responder } from '../../test/fake-client';
import { DepartmentsPage } from './departments-page';
import { ProductsPage } from './products-page';

const product = (id: string, name: string, isActive = true) => ({ id, name, category: 'ADS', isActive });

const answer: Responder = (operation) => {
  switch (operation.operationName) {
    case 'AdminProducts':
      return { data: { products: [product('p1', 'Payday Promo'), product('p2', 'Old Banner', false)] } };
    case 'CreateProduct':
      return { data: { createProduct: { product: product('p3', 'Spring Sale') } } };
    case 'UpdateProduct': {
      const input = operation.variables.input as { id: string; isActive: boolean };
      return { data: { updateProduct: { product: { ...product(input.id, 'Payday Promo'), isActive: input.isActive } } } };
    }
    case 'AdminDepartments':
      return {
        data: {
          departments: [{ id: 'd1', name: 'Sales', isCreative: false, members: [{ id: 'u1', displayName: 'Sam Sales', role: 'MANAGER' }] }],
          users: { nodes: [{ id: 'u2', displayName: 'Sol Seller', username: 'seller' }] },
        },
      };
    case 'CreateDepartment':
      return { errors: [{ message: 'A department with this name already exists.', extensions: { code: 'BAD_USER_INPUT' } }] };
    case 'SetDepartmentManager':
      return { data: { setDepartmentManager: { user: { id: 'u2', role: 'MANAGER', department: { id: 'd1' } } } } };
    default:
      return { errors: [{ message: `unexpected ${operation.operationName}` }] };
  }
};

function renderPage(path: string, page: Component) {
  window.history.replaceState(null, '', path);
  const fake = fakeClient(answer);
  render(() => (
    <Provider value={fake.client}>
      <Router>
        <Route path={path} component={page} />
      </Router>
    </Provider>
  ));
  return fake;
}

beforeEach(() => {
  window.scrollTo = () => undefined;
});
afterEach(() => cleanup());

describe('ProductsPage', () => {
  it('needs a name before adding a product, then sends it with its category', async () => {
    const { sent } = renderPage('/admin/products', ProductsPage);
    await screen.findByRole('button', { name: 'Retire Payday Promo' });
    fireEvent.click(screen.getByRole('button', { name: 'Add product' }));
    expect(screen.getByText('Enter a name.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
    expect(sent.some((operation) => operation.operationName === 'CreateProduct')).toBe(false);
    // The category shown is the one a product is added with (Ads unless changed).
    expect((screen.getByLabelText('Category') as HTMLSelectElement).value).toBe('ADS');

    fireEvent.input(screen.getByLabelText('Name'), { target: { value: '  Spring Sale ' } });
    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'TELEGRAM' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add product' }));
    await waitFor(() =>
      expect(sent.find((operation) => operation.operationName === 'CreateProduct')?.variables).toEqual({
        input: { name: 'Spring Sale', category: 'TELEGRAM' },
      }),
    );
  });

  it('retires an active product and restores a retired one', async () => {
    const { sent } = renderPage('/admin/products', ProductsPage);
    fireEvent.click(await screen.findByRole('button', { name: 'Retire Payday Promo' }));
    // One change at a time: the buttons wait while one is being saved.
    await waitFor(() => expect((screen.getByRole('button', { name: 'Restore Old Banner' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Restore Old Banner' }));
    await waitFor(() =>
      expect(sent.filter((operation) => operation.operationName === 'UpdateProduct').map((operation) => operation.variables)).toEqual([
        { input: { id: 'p1', isActive: false } },
        { input: { id: 'p2', isActive: true } },
      ]),
    );
  });
});

describe('DepartmentsPage', () => {
  it('names the managers and makes a picked person manager', async () => {
    const { sent } = renderPage('/admin/departments', DepartmentsPage);
    expect(await screen.findByText(/Managed by Sam Sales/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Set manager of Sales'), { target: { value: 'u2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Make manager' }));
    await waitFor(() =>
      expect(sent.find((operation) => operation.operationName === 'SetDepartmentManager')?.variables).toEqual({ input: { departmentId: 'd1', userId: 'u2' } }),
    );
  });

  it("shows the server's refusal of a new department in its words", async () => {
    renderPage('/admin/departments', DepartmentsPage);
    fireEvent.input(await screen.findByLabelText('Name'), { target: { value: 'Sales' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add department' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A department with this name already exists.');
  });
});
