// The widget's stylesheet, inside its shadow root: theme rules cannot reach in, ours cannot leak out.
// A merchant themes it with custom properties set anywhere above it (e.g. on :root):
//   --bc-loyalty-brand (buttons, links, balance), --bc-loyalty-on-brand (text on the brand colour),
//   --bc-loyalty-radius, --bc-loyalty-surface, --bc-loyalty-text, --bc-loyalty-muted.
// The font is inherited from the theme. Default colours meet WCAG AA contrast (≥ 4.5:1).
export const STYLES = `
:host{display:block;--b:var(--bc-loyalty-brand,#1d4ed8);--ob:var(--bc-loyalty-on-brand,#fff);--r:var(--bc-loyalty-radius,10px);--s:var(--bc-loyalty-surface,#fff);--t:var(--bc-loyalty-text,#1f2937);--m:var(--bc-loyalty-muted,#4b5563);--l:#e5e7eb}
*{box-sizing:border-box;margin:0;padding:0;font:inherit;letter-spacing:normal;text-transform:none}
.p{background:var(--s);color:var(--t);border:1px solid var(--l);border-radius:var(--r);padding:1rem;line-height:1.5;text-align:start;min-height:14rem;max-width:100%;overflow-wrap:anywhere}
.hd{display:flex;align-items:center;justify-content:space-between;gap:.5rem;margin-bottom:.75rem}
h2{font-size:1.15rem;font-weight:700}
h3{font-size:.95rem;font-weight:700;margin:1rem 0 .4rem}
ul{list-style:none;display:grid;gap:.5rem}
li{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem;justify-content:space-between}
.bal{font-size:2rem;font-weight:700;color:var(--b);line-height:1.2}
.m,.rule{color:var(--m);font-size:.9rem}
.rw{border:1px solid var(--l);border-radius:calc(var(--r) - 4px);padding:.6rem .75rem}
.rw>span{flex:1 1 10rem}
.rw strong{display:block}
.bar{flex-basis:100%;height:6px;border-radius:3px;background:var(--l);overflow:hidden}
.bar i{display:block;height:100%;background:var(--b)}
button,.btn{cursor:pointer;border:2px solid var(--b);border-radius:calc(var(--r) - 4px);padding:.4rem .9rem;min-height:44px;min-width:44px;background:var(--b);color:var(--ob);font-weight:600;text-decoration:none;display:inline-flex;align-items:center;justify-content:center}
button.sec,.btn.sec{background:var(--s);color:var(--b)}
button[aria-disabled=true]{opacity:.7;cursor:progress}
:focus-visible{outline:3px solid var(--b);outline-offset:2px}
.acts{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.75rem}
li .acts{margin:0}
code{font-family:ui-monospace,monospace;font-weight:700;background:#f3f4f6;padding:0 .3rem;border-radius:4px}
.st:empty{display:none}
.st{margin-top:.75rem;padding:.6rem .75rem;border-radius:calc(var(--r) - 4px);border-inline-start:4px solid;font-weight:600}
.st[data-tone=ok]{background:#f0fdf4;color:#14532d}
.st[data-tone=ok]::before{content:"✓ "}
.st[data-tone=err]{background:#fef2f2;color:#991b1b}
.st[data-tone=err]::before{content:"⚠ "}
.st[data-tone=info]{background:#eff6ff;color:#1e3a8a}
.sk{display:grid;gap:.6rem}
.sk i{display:block;height:1rem;border-radius:4px;background:linear-gradient(90deg,#eceef1,#f6f7f9,#eceef1);background-size:200% 100%;animation:sh 1.2s infinite linear}
.sk i:first-child{height:2.4rem;width:40%}
@keyframes sh{to{background-position:-200% 0}}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.ln{position:fixed;inset-block-end:1rem;inset-inline-end:1rem;z-index:2147483000;border-radius:999px;box-shadow:0 4px 14px #0003;padding:.6rem 1.1rem}
dialog{margin:auto auto 0;width:min(100vw,28rem);max-width:100vw;max-height:90vh;border:0;padding:0;background:transparent;color:inherit}
dialog::backdrop{background:#0007}
dialog .p{border-radius:var(--r) var(--r) 0 0;max-height:90vh;overflow:auto}
@media (min-width:40em){dialog{margin:auto 1rem 5rem auto}dialog .p{border-radius:var(--r)}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;
