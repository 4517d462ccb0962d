// The demo store page: what a merchant's storefront looks like with the scripts installed through
// the Scripts API rendered in its head and footer, as Stencil does (so the widget shows because it
// was installed), plus a sign-in box standing in for the store's login, a cart
// (through the Storefront API, as a theme's cart page) and the merchant's order controls.
import { DEMO_PRODUCT } from './storefront-cart';

export interface DemoCustomer {
  id: number;
  name: string;
  email: string;
  groupId: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function demoStorePage(o: {
  /** The installed scripts' HTML for each location of the page. */
  scripts: { head: string; footer: string };
  customers: DemoCustomer[];
  signedIn: DemoCustomer | undefined;
}): string {
  const options = o.customers
    .map(
      (c) =>
        `<option value="${c.id}"${c.id === o.signedIn?.id ? ' selected' : ''}>${escapeHtml(c.name)} (customer ${c.id})</option>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo store — bc-loyalty sandbox</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7fb; }
  header { background: #121118; color: #fff; padding: 1rem; display: flex; flex-wrap: wrap; gap: 0 1rem; justify-content: space-between; align-items: center; }
  main { max-width: 56rem; margin: 1rem auto; padding: 0 1rem; display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 1rem; }
  main > * { min-width: 0; }
  #orders { grid-column: 1 / -1; }
  .column { display: grid; gap: 2rem; align-content: start; }
  #cart-lines { list-style: none; padding: 0; }
  section { background: #fff; border-radius: 8px; padding: 1rem; box-shadow: 0 1px 3px #0002; overflow-wrap: anywhere; }
  select, button { font: inherit; max-width: 100%; }
</style>
${o.scripts.head}
</head>
<body>
<header><strong>Demo store</strong><span>BigCommerce sandbox storefront</span></header>
<main>
  <div class="column">
    <section id="account">
      <h2>Your account</h2>
      <p id="who">${o.signedIn ? `Signed in as ${escapeHtml(o.signedIn.name)}` : 'You are browsing as a guest.'}</p>
      <label for="customer">Demo customer</label>
      <select id="customer">${options}</select>
      <button id="login" type="button">Log in</button>
      <button id="logout" type="button">Log out</button>
      <p><small>Signing in sets this store's session cookie; the widget then gets the shopper's token from
      <code>/customer/current.jwt</code>, exactly as on a real BigCommerce storefront.</small></p>
    </section>
    <section id="cart">
      <h2>Cart</h2>
      <p>${escapeHtml(DEMO_PRODUCT.name)} — $${(DEMO_PRODUCT.priceCents / 100).toFixed(2)} <button id="add" type="button">Add to cart</button></p>
      <div id="cart-view" aria-live="polite"><p>Your cart is empty.</p></div>
      <button id="place" type="button" disabled>Place order</button>
    </section>
  </div>
  <div data-bc-loyalty></div>
  <section id="orders">
    <h2>Orders</h2>
    <p><small>BigCommerce side: act as the merchant on a placed order. Each step sends the order
    webhooks to the loyalty API, as BigCommerce does.</small></p>
    <ul id="order-list"></ul>
  </section>
</main>
<script>
  const who = document.getElementById('who');
  document.getElementById('login').addEventListener('click', async () => {
    const select = document.getElementById('customer');
    await fetch('/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ customerId: Number(select.value) }) });
    who.textContent = 'Signed in as ' + select.options[select.selectedIndex].text.replace(/ \\(customer \\d+\\)$/, '');
    window.bcLoyalty?.refresh();
    showCart();
  });
  // The cart, through the store's Storefront API as a theme would call it.
  const money = (n) => '$' + n.toFixed(2);
  const storefront = (path, init = {}) => fetch('/api/storefront' + path, { ...init, headers: { Accept: 'application/json', 'Content-Type': 'application/json' } });
  let cart;
  async function showCart() {
    [cart] = await (await storefront('/carts')).json();
    const view = document.getElementById('cart-view');
    document.getElementById('place').disabled = !cart;
    if (!cart) return view.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Your cart is empty.' }));
    const lines = document.createElement('ul');
    lines.id = 'cart-lines';
    const line = (text, className) => lines.appendChild(Object.assign(document.createElement('li'), { textContent: text, className }));
    for (const item of cart.lineItems.physicalItems) line(item.quantity + ' × ' + item.name + ' ' + money(item.extendedSalePrice));
    for (const coupon of cart.coupons) {
      const item = line('Coupon ' + coupon.code + ' (' + coupon.displayName + ') −' + money(coupon.discountedAmount) + ' ', 'cart-coupon');
      const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Remove' });
      remove.addEventListener('click', async () => { await storefront('/checkouts/' + cart.id + '/coupons/' + encodeURIComponent(coupon.code), { method: 'DELETE' }); showCart(); });
      item.append(remove);
    }
    line('Total ' + money(cart.cartAmount), 'cart-total');
    view.replaceChildren(lines);
  }
  document.addEventListener('bc-loyalty:applied', showCart); // the widget applied a code
  document.getElementById('add').addEventListener('click', async () => {
    const lineItems = JSON.stringify({ lineItems: [{ productId: ${DEMO_PRODUCT.productId}, quantity: 1 }] });
    await storefront(cart ? '/carts/' + cart.id + '/items' : '/carts', { method: 'POST', body: lineItems });
    showCart();
  });
  const list = document.getElementById('order-list');
  async function act(url, body) {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return response.json();
  }
  function show(order) {
    let item = document.getElementById('order-' + order.id);
    if (!item) { item = document.createElement('li'); item.id = 'order-' + order.id; list.prepend(item); }
    const discount = Number(order.coupon_discount ?? 0);
    item.textContent = 'Order #' + order.id + ' — $' + order.subtotal_ex_tax.replace(/00$/, '') + (discount ? ' − ' + money(discount) + ' coupon' : '') + ' — ' + order.status + ' ';
    for (const [label, path, body] of [['Mark completed', 'status', { statusId: 10 }], ['Refund $10', 'refund', { amount: '10.00' }], ['Refund all', 'status', { statusId: 4 }]]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.addEventListener('click', async () => {
        show(await act('/__sandbox/orders/' + order.id + '/' + path, body));
        setTimeout(() => window.bcLoyalty?.refresh(), 1500); // the webhook → ledger path takes a moment
      });
      item.append(button, ' ');
    }
  }
  document.getElementById('place').addEventListener('click', async () => {
    show(await act('/place-order', {}));
    showCart();
  });
  document.getElementById('logout').addEventListener('click', async () => {
    await fetch('/logout', { method: 'POST' });
    who.textContent = 'You are browsing as a guest.';
    window.bcLoyalty?.refresh();
    showCart();
  });
  showCart();
</script>
<!-- The store's scripts (Script Manager / Scripts API), footer: -->
${o.scripts.footer}
</body>
</html>`;
}
