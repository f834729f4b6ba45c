// The pages of signing up and of replacing a one-time password, loaded together as one chunk: they are small,
// shown before the app itself, and each one chunk fewer is a file name fewer in every page's first load.
export { ChangePasswordPage } from './change-password-page';
export { RegisterPage } from './register-page';
export { WaitingPage } from './waiting-page';
