// ESLint flat config for the suite's Odoo 18 front-end code (*.esm.js, *.test.js).
const odooGlobals = {
    odoo: "readonly",
    owl: "readonly",
    window: "readonly",
    document: "readonly",
    console: "readonly",
    setTimeout: "readonly",
    clearTimeout: "readonly",
    setInterval: "readonly",
    clearInterval: "readonly",
    Promise: "readonly",
};

module.exports = [
    {
        files: ["**/*.esm.js", "**/*.test.js"],
        languageOptions: {
            ecmaVersion: 2024,
            sourceType: "module",
            globals: odooGlobals,
        },
        rules: {
            "no-undef": "error",
            "no-unused-vars": ["error", {args: "none"}],
            "no-var": "error",
            "prefer-const": "error",
            eqeqeq: ["error", "smart"],
            "no-console": "error",
            "no-debugger": "error",
            "no-eval": "error",
            "no-implied-eval": "error",
            "no-dupe-keys": "error",
            "no-unreachable": "error",
            "object-shorthand": "error",
            curly: "error",
        },
    },
    {
        ignores: ["node_modules/**", ".venv/**", "**/lib/**/*.js"],
    },
];
