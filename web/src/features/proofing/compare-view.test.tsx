import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { type CompareVersion, CompareView } from './compare-view';

afterEach(cleanup);

const versions: CompareVersion[] = [1, 2, 3].map((version) => ({ id: `a${version}`, version, url: `/files/a${version}`, fileName: 'hero.png' }));

describe('CompareView', () => {
  it('compares the chosen version with the one before it, side by side by default', () => {
    render(() => <CompareView versions={versions} newerId="a3" />);
    expect((screen.getByLabelText('Older') as HTMLSelectElement).value).toBe('a2');
    expect((screen.getByLabelText('Newer') as HTMLSelectElement).value).toBe('a3');
    expect(screen.getByRole('img', { name: 'hero.png, Version 2' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'hero.png, Version 3' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Side by side' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(screen.getByText('150 %')).toBeTruthy();
    const images = screen.getAllByRole('img') as HTMLImageElement[];
    expect(images.map((image) => image.style.width)).toEqual(['150%', '150%']);

    fireEvent.change(screen.getByLabelText('Older'), { target: { value: 'a1' } });
    expect(screen.getByRole('img', { name: 'hero.png, Version 1' })).toBeTruthy();
  });

  it('moves the slider’s divider with the keys and the pointer, and clips the newer version there', () => {
    render(() => <CompareView versions={versions} newerId="a2" initialMode="slider" />);
    const divider = screen.getByRole('slider', { name: 'Divider between Version 1 and Version 2' });
    const newer = screen.getByRole('img', { name: 'hero.png, Version 2' }) as HTMLImageElement;
    expect(divider.getAttribute('aria-valuenow')).toBe('50');
    expect(newer.style.clipPath).toBe('inset(0 0 0 50%)');

    fireEvent.keyDown(divider, { key: 'ArrowLeft' });
    fireEvent.keyDown(divider, { key: 'ArrowLeft', shiftKey: true });
    expect(divider.getAttribute('aria-valuenow')).toBe('39');
    expect(divider.style.left).toBe('39%');
    expect(newer.style.clipPath).toBe('inset(0 0 0 39%)');
    fireEvent.keyDown(divider, { key: 'End' });
    expect(divider.getAttribute('aria-valuenow')).toBe('100');

    const stack = divider.parentElement as HTMLElement;
    stack.getBoundingClientRect = () => ({ left: 100, width: 200, top: 0, height: 100, right: 300, bottom: 100, x: 100, y: 0, toJSON: () => ({}) });
    // jsdom has no PointerEvent: a MouseEvent of the pointer's type carries clientX the same way.
    const pointer = (type: string, clientX: number) => stack.dispatchEvent(new MouseEvent(type, { clientX, bubbles: true }));
    pointer('pointerdown', 150);
    expect(divider.getAttribute('aria-valuenow')).toBe('25');
    pointer('pointermove', 250);
    expect(newer.style.clipPath).toBe('inset(0 0 0 75%)');
    pointer('pointerup', 250);
    pointer('pointermove', 120);
    expect(divider.getAttribute('aria-valuenow')).toBe('75');
  });
});
