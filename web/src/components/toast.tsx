import { createContext, createSignal, onCleanup, type ParentProps, Show, useContext } from 'solid-js';
import './toast.css';

/** Long enough to read a confirmation, short enough not to linger over the next thing. */
const PLAIN_MS = 4000;
/** A toast with an action (Undo) stays longer: time to notice the mistake and reach the button. */
const WITH_ACTION_MS = 10_000;

/** A button that runs something (Undo), or a link to a page (the router handles it like any link). */
export type ToastAction = { label: string; run: () => void | Promise<void> } | { label: string; href: string };
export type ToastMessage = { message: string; action?: ToastAction };

export type Toaster = {
  /** Shows one message (replacing the one shown), with an optional action such as Undo. */
  show: (toast: ToastMessage) => void;
  clear: () => void;
};

const ToastContext = createContext<Toaster>();

/**
 * One polite status line at the bottom of the page for what just went through, with an optional action. It
 * stays while the pointer or the focus is on it, so an Undo cannot vanish under the hand reaching for it.
 */
export function ToastProvider(props: ParentProps) {
  const [toast, setToast] = createSignal<ToastMessage>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hideLater = () => {
    clearTimeout(timer);
    const shown = toast();
    if (shown) timer = setTimeout(() => setToast(undefined), shown.action ? WITH_ACTION_MS : PLAIN_MS);
  };
  const clear = () => {
    clearTimeout(timer);
    setToast(undefined);
  };
  const show = (next: ToastMessage) => {
    setToast(next);
    hideLater();
  };
  onCleanup(() => clearTimeout(timer));

  return (
    <ToastContext.Provider value={{ show, clear }}>
      {props.children}
      {/* The live region stays in the page, so screen readers announce what appears in it. */}
      <div class="toast-region" role="status">
        <Show when={toast()} keyed>
          {(shown) => (
            <p class="toast" onMouseEnter={() => clearTimeout(timer)} onMouseLeave={hideLater} onFocusIn={() => clearTimeout(timer)} onFocusOut={hideLater}>
              <span>{shown.message}</span>
              <Show when={shown.action}>
                {(action) => {
                  const shownAction = action();
                  return 'href' in shownAction ? (
                    <a class="button button-quiet button-small toast-action" href={shownAction.href} onClick={clear}>
                      {shownAction.label}
                    </a>
                  ) : (
                    <button
                      type="button"
                      class="button button-quiet button-small toast-action"
                      onClick={() => {
                        clear();
                        void shownAction.run();
                      }}
                    >
                      {shownAction.label}
                    </button>
                  );
                }}
              </Show>
            </p>
          )}
        </Show>
      </div>
    </ToastContext.Provider>
  );
}

/** The toaster of the nearest ToastProvider (the signed-in shell's TicketActionProvider hosts one). */
export function useToast(): Toaster {
  const toaster = useContext(ToastContext);
  if (!toaster) throw new Error('useToast() needs a <ToastProvider> above it.');
  return toaster;
}
