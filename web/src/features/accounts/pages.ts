// The pages shown before the app itself (signing in, signing up, waiting for approval, replacing a one-time
// password), loaded together as one chunk: they are small, and each chunk fewer is a file name fewer in
// every page's first load (web/src/app.tsx lists each lazy chunk's files).
export { LoginPage } from '../auth/login-page';
export { ChangePasswordPage } from './change-password-page';
export { RegisterPage } from './register-page';
export { WaitingPage } from './waiting-page';
