(() => {
  try {
    const theme = localStorage.getItem('theme');
    if (theme === 'dark' || theme === 'light') document.documentElement.classList.add(`is-${theme}`);
  } catch {}
})();
