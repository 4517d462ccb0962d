// The demo store page: what a merchant's storefront looks like with the widget installed through
// Script Manager — one script tag — plus a sign-in box standing in for the store's login.
export interface DemoCustomer { id: number; name: string; email: string; groupId: string }

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function demoStorePage(o: { apiUrl: string; clientId: string; customers: DemoCustomer[]; signedIn: DemoCustomer | undefined }): string {
  const options = o.customers.map((c) => `<option value="${c.id}"${c.id === o.signedIn?.id ? ' selected' : ''}>${escape(c.name)} (customer ${c.id})</option>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo store — bc-loyalty sandbox</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7fb; }
  header { background: #121118; color: #fff; padding: 1rem 2rem; display: flex; justify-content: space-between; align-items: center; }
  main { max-width: 56rem; margin: 2rem auto; padding: 0 1rem; display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
  #orders { grid-column: 1 / -1; }
  section { background: #fff; border-radius: 8px; padding: 1.5rem; box-shadow: 0 1px 3px #0002; }
  .bc-loyalty__balance strong { font-size: 1.6rem; }
  .bc-loyalty__error { color: #a4000f; }
  .bc-loyalty__history { padding-left: 1.2rem; }
  #account select, #account button { font: inherit; }
</style>
</head>
<body>
<header><strong>Demo store</strong><span>BigCommerce sandbox storefront</span></header>
<main>
  <section id="account">
    <h2>Your account</h2>
    <p id="who">${o.signedIn ? `Signed in as ${escape(o.signedIn.name)}` : 'You are browsing as a guest.'}</p>
    <label for="customer">Demo customer</label>
    <select id="customer">${options}</select>
    <button id="login" type="button">Log in</button>
    <button id="logout" type="button">Log out</button>
    <p><small>Signing in sets this store's session cookie; the widget then gets the shopper's token from
    <code>/customer/current.jwt</code>, exactly as on a real BigCommerce storefront.</small></p>
  </section>
  <section>
    <div data-bc-loyalty></div>
  </section>
  <section id="orders">
    <h2>Orders</h2>
    <p><small>BigCommerce side: place an order, then act as the merchant. Each step sends the order
    webhooks to the loyalty API, as BigCommerce does.</small></p>
    <button id="place" type="button">Place an order ($64.53)</button>
    <ul id="order-list"></ul>
  </section>
</main>
<script>
  const who = document.getElementById('who');
  document.getElementById('login').addEventListener('click', async () => {
    const select = document.getElementById('customer');
    await fetch('/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ customerId: Number(select.value) }) });
    who.textContent = 'Signed in as ' + select.options[select.selectedIndex].text.replace(/ \\(customer \\d+\\)$/, '');
    window.bcLoyalty.refresh();
  });
  const list = document.getElementById('order-list');
  async function act(url, body) {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return response.json();
  }
  function show(order) {
    let item = document.getElementById('order-' + order.id);
    if (!item) { item = document.createElement('li'); item.id = 'order-' + order.id; list.prepend(item); }
    item.textContent = 'Order #' + order.id + ' — $' + order.subtotal_ex_tax.replace(/00$/, '') + ' — ' + order.status + ' ';
    for (const [label, path, body] of [['Mark completed', 'status', { statusId: 10 }], ['Refund $10', 'refund', { amount: '10.00' }], ['Refund all', 'status', { statusId: 4 }]]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.addEventListener('click', async () => {
        show(await act('/__sandbox/orders/' + order.id + '/' + path, body));
        setTimeout(() => window.bcLoyalty.refresh(), 1500); // the webhook → ledger path takes a moment
      });
      item.append(button, ' ');
    }
  }
  document.getElementById('place').addEventListener('click', async () => {
    const select = document.getElementById('customer');
    show(await act('/__sandbox/orders', { customerId: Number(select.value), subtotal: '64.53' }));
  });
  document.getElementById('logout').addEventListener('click', async () => {
    await fetch('/logout', { method: 'POST' });
    who.textContent = 'You are browsing as a guest.';
    window.bcLoyalty.refresh();
  });
</script>
<!-- Installed as a merchant would (Script Manager, footer, all pages): -->
<script src="/bc-loyalty-widget.js" data-api-url="${escape(o.apiUrl)}" data-client-id="${escape(o.clientId)}" async></script>
</body>
</html>`;
}
