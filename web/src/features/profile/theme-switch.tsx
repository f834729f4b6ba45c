import { For } from 'solid-js';
import { chooseTheme, type ThemeChoice, themeChoice } from '../../lib/theme';
import './theme-switch.css';

const CHOICES: readonly { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Light, dark or as the system is: native radio buttons drawn as one segmented control; applies at once. */
export function ThemeSwitch() {
  return (
    <fieldset class="theme-switch">
      <legend class="theme-switch-legend">Theme</legend>
      <div class="theme-switch-options">
        <For each={CHOICES}>
          {(choice) => (
            <label class="theme-switch-option">
              <input type="radio" name="theme" value={choice.value} checked={themeChoice() === choice.value} onChange={() => chooseTheme(choice.value)} />
              <span>{choice.label}</span>
            </label>
          )}
        </For>
      </div>
      <p class="muted theme-switch-hint">Kept on this device. System follows your computer's light or dark setting.</p>
    </fieldset>
  );
}
