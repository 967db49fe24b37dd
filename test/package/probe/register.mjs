// Use as `node --import ./test/package/probe/register.mjs ...` with MODULE_LOG
// naming the file that hooks.mjs appends resolved modules to.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url, { data: { log: process.env.MODULE_LOG ?? null } });
