// The storefront widget's code for the Scripts API install. In the local stack it is built from
// source; the deployed function's build (build.ts, `sam build` through the Makefile) replaces this
// module with one that holds the built code, so the function carries the widget it installs.
import { readFileSync } from 'node:fs';

let built: Promise<string> | undefined;

/** The minified widget (storefront/src/widget.ts as one IIFE), built once per container. */
export function widgetCode(): Promise<string> {
  built ??= import('../../storefront/build').then(async ({ buildWidget }) =>
    readFileSync((await buildWidget()).file, 'utf8'),
  );
  return built;
}
