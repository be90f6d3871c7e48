// After a step-up, the form the user had submitted is posted again automatically.
// Kept in a file because the gateway's Content-Security-Policy forbids inline script;
// without script the visible "Continue" button does the same.
"use strict";
document.querySelector('form[data-auto-submit="true"]')?.submit();
