// Starts Swagger UI on the wallet's OpenAPI document (server/rest/openapi.ts). A file, not
// an inline script, so the page runs under the app's Content-Security-Policy.
window.addEventListener('load', () => {
  window.ui = window.SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });
});
