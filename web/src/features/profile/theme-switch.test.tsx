import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseTheme } from '../../lib/theme';
import { ThemeSwitch } from './theme-switch';

afterEach(() => {
  cleanup();
  chooseTheme('system');
});

describe('ThemeSwitch', () => {
  it('follows the system until a theme is chosen, then applies and remembers it', () => {
    render(() => <ThemeSwitch />);
    const root = document.documentElement;
    expect((screen.getByRole('radio', { name: 'System' }) as HTMLInputElement).checked).toBe(true);
    expect(root.classList.contains('is-dark') || root.classList.contains('is-light')).toBe(false);

    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(root.classList.contains('is-dark')).toBe(true);
    expect(localStorage.getItem('theme')).toBe('dark');
    expect((screen.getByRole('radio', { name: 'Dark' }) as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole('radio', { name: 'Light' }));
    expect(root.classList.contains('is-light')).toBe(true);
    expect(root.classList.contains('is-dark')).toBe(false);
    expect(localStorage.getItem('theme')).toBe('light');

    fireEvent.click(screen.getByRole('radio', { name: 'System' }));
    expect(root.classList.contains('is-light') || root.classList.contains('is-dark')).toBe(false);
    expect(localStorage.getItem('theme')).toBeNull();
  });
});
