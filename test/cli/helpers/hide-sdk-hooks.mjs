// Module resolution hooks that make `@aws-sdk/client-mediaconvert` unresolvable,
// as where the optional peer dependency is not installed.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === '@aws-sdk/client-mediaconvert') {
    const error = new Error(`Cannot find package '${specifier}'`);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return nextResolve(specifier, context);
}
