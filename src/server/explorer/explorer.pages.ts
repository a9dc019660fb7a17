import { randomBytes } from 'node:crypto';
import { EXAMPLE_OPERATIONS } from './explorer.examples';

/** Apollo's embeddable Sandbox, the same major version Apollo Server's own landing page loads. */
const SANDBOX_SCRIPT = 'https://embeddable-sandbox.cdn.apollographql.com/v2/embeddable-sandbox.umd.production.min.js';
const SANDBOX_FRAME = 'https://sandbox.embed.apollographql.com';
/**
 * How long the Sandbox gets to show it is alive (its script loaded and its frame spoke to us)
 * before the page gives up on it. Offline, the script fails at once and the switch is immediate;
 * this only catches a CDN that hangs or a frame that never comes up.
 */
const SANDBOX_PATIENCE_MS = 8000;

export interface HtmlPage {
  html: string;
  /** Content-Security-Policy for the page (inline script and style allowed by nonce only). */
  csp: string;
}

/**
 * Apollo Sandbox, embedded, with the example operations as its first document. When its
 * script cannot load (offline, blocked CDN) or it does not come up in time, the page moves to
 * the bundled GraphiQL at `graphiqlHref`, which needs nothing from outside.
 */
export function sandboxPage(graphiqlHref: string): HtmlPage {
  const nonce = randomBytes(16).toString('base64');
  const config = {
    target: '#sandbox',
    initialState: {
      document: EXAMPLE_OPERATIONS.map((operation) => operation.query).join('\n'),
      includeCookies: false,
    },
    endpointIsEditable: false,
    hideCookieToggle: false,
    runTelemetry: false,
  };
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Tributary · Apollo Sandbox</title>
<style nonce="${nonce}">
  html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
  #sandbox { position: absolute; inset: 0; }
  #sandbox iframe { width: 100%; height: 100%; border: 0; }
  #note { position: absolute; inset: auto 0 0 0; padding: .5rem 1rem; background: #f4f4f4; color: #333; }
</style>
</head>
<body>
<div id="sandbox"></div>
<p id="note">Loading Apollo Sandbox… if it cannot load, <a href="${graphiqlHref}">GraphiQL</a> (bundled with the gateway) opens instead.</p>
<script nonce="${nonce}">
  var graphiql = ${scriptJson(graphiqlHref)};
  var fallen = false;
  function fallBack() {
    if (fallen) return;
    fallen = true;
    window.location.replace(graphiql);
  }
  var timer = setTimeout(fallBack, ${SANDBOX_PATIENCE_MS});
  // The embed's frame posts a handshake request to this window as soon as it is up.
  window.addEventListener('message', function (event) {
    if (event.origin !== ${scriptJson(SANDBOX_FRAME)}) return;
    clearTimeout(timer);
    var note = document.getElementById('note');
    if (note) note.remove();
  });
  var script = document.createElement('script');
  script.src = ${scriptJson(SANDBOX_SCRIPT)};
  script.onerror = fallBack;
  script.onload = function () {
    if (!window.EmbeddedSandbox) return fallBack();
    var config = ${scriptJson(config)};
    config.initialEndpoint = window.location.href.split(/[?#]/)[0];
    new window.EmbeddedSandbox(config);
  };
  document.head.appendChild(script);
</script>
</body>
</html>
`;
  return { html, csp: sandboxCsp(nonce) };
}

/** Explorer off (production default): say so and name the setting, instead of Apollo's CSRF JSON. */
export function explorerOffPage(): HtmlPage {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Tributary · GraphQL</title>
<style nonce="${nonce}">body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #222; } code { background: #f1f1f1; padding: 0 .25rem; }</style>
</head>
<body>
<h1>Tributary GraphQL</h1>
<p>This is a GraphQL endpoint. The in-browser explorer is <strong>off</strong> on this server.</p>
<p>Send GraphQL requests here with POST (<code>content-type: application/json</code>), or over
graphql-ws on this same URL. To turn the explorer on, set <code>GRAPHQL_IDE=sandbox</code> or
<code>GRAPHQL_IDE=graphiql</code> (it is <code>off</code> by default when <code>NODE_ENV=production</code>).</p>
</body>
</html>
`;
  return { html, csp: `default-src 'none'; style-src 'nonce-${nonce}'` };
}

/** The policy Apollo Server's own landing page sets, narrowed to the Sandbox it embeds. */
function sandboxCsp(nonce: string): string {
  const cdn = new URL(SANDBOX_SCRIPT).origin;
  return [`script-src 'self' 'nonce-${nonce}' ${cdn}`, `style-src 'nonce-${nonce}' ${cdn}`, `frame-src ${SANDBOX_FRAME}`].join('; ');
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
