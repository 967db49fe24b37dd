// Use as `node --import tsx --import ./test/cli/helpers/hide-sdk.mjs ...`: the
// AWS SDK then cannot be found, whatever node_modules holds.
import { register } from 'node:module';

register('./hide-sdk-hooks.mjs', import.meta.url);
