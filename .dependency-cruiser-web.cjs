// The same rules for the web client, read with its own tsconfig (JSX for Solid, DOM types). A second file
// because dependency-cruiser takes one tsconfig per run; the path is absolute because dependency-cruiser 17
// resolves a relative tsconfig's `include` against the working directory instead of the file's folder.
const path = require('node:path');
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  ...base,
  options: { ...base.options, tsConfig: { fileName: path.join(__dirname, 'web', 'tsconfig.json') } },
};
