import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Match, Switch } from 'solid-js';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { Loading } from '../../components/loading';
import type { ProductCategory } from '../../gql/graphql';
import { describeError } from '../../lib/graphql-errors';
import { NewByNameForm } from './new-by-name-form';
import { adminProductsQuery, createProductMutation, updateProductMutation } from './products.graphql';
import './admin.css';

const CATEGORIES: readonly { value: ProductCategory; label: string }[] = [
  { value: 'GENERAL', label: 'General' },
  { value: 'ADS', label: 'Ads' },
  { value: 'TELEGRAM', label: 'Telegram' },
];
const CATEGORY_LABEL = Object.fromEntries(CATEGORIES.map((category) => [category.value, category.label])) as Record<ProductCategory, string>;

/** The product catalogue for ads and Telegram requests: add, retire (existing requests keep it), restore. */
export function ProductsPage() {
  const [data, refetch] = createQuery({ query: adminProductsQuery });
  const [state, update] = createMutation(updateProductMutation);
  const [failure, setFailure] = createSignal<string>();
  const toggle = async (id: string, isActive: boolean) => {
    setFailure(undefined);
    const result = await update({ input: { id, isActive } });
    if (result.error) setFailure(describeError(result.error));
  };

  return (
    <section class="page admin-page" aria-labelledby="products-title">
      <header class="admin-header">
        <h1 class="page-title" id="products-title">
          Products
        </h1>
      </header>
      <NewProductForm onCreated={() => refetch({ requestPolicy: 'network-only' })} />
      <ErrorBanner message={failure()} />
      <Switch>
        <Match when={data.error && !data.data}>
          <ErrorBanner message={data.error ? describeError(data.error) : undefined} />
        </Match>
        <Match when={!data.data}>
          <Loading label="Loading products…" />
        </Match>
        <Match when={data.data?.products.length === 0}>
          <div class="empty-state">
            <p class="empty-state-title">No products yet.</p>
            <p class="muted">Ads and Telegram requests pick from this list; add the first one above.</p>
          </div>
        </Match>
        <Match when={data.data}>
          <table class="data-table admin-table">
            <caption class="visually-hidden">Products</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Category</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={data.data?.products}>
                {(product) => (
                  <tr class="admin-row" classList={{ 'admin-row-inactive': !product.isActive }}>
                    <td class="admin-col-main">
                      <span class="admin-row-name">{product.name}</span>
                    </td>
                    <td data-label="Category">{CATEGORY_LABEL[product.category]}</td>
                    <td data-label="Status">{product.isActive ? 'Active' : 'Retired'}</td>
                    <td class="admin-col-actions">
                      <button type="button" class="button button-quiet" disabled={state.fetching} onClick={() => toggle(product.id, !product.isActive)}>
                        {product.isActive ? 'Retire' : 'Restore'}
                        <span class="visually-hidden"> {product.name}</span>
                      </button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Match>
      </Switch>
    </section>
  );
}

function NewProductForm(props: { onCreated: () => void }) {
  const [category, setCategory] = createSignal<ProductCategory>('ADS');
  const [state, create] = createMutation(createProductMutation);
  return (
    <NewByNameForm
      title="New product"
      submitLabel="Add product"
      fetching={state.fetching}
      create={(name) => create({ input: { name, category: category() } })}
      onCreated={props.onCreated}
    >
      <Field label="Category">
        {(control) => (
          <select class="field-input" {...control} value={category()} onChange={(event) => setCategory(event.currentTarget.value as ProductCategory)}>
            <For each={CATEGORIES}>
              {(option) => (
                <option value={option.value} selected={option.value === category()}>
                  {option.label}
                </option>
              )}
            </For>
          </select>
        )}
      </Field>
    </NewByNameForm>
  );
}
