// The one jstat function we use (jstat ships no types). It is CommonJS: the default import is its
// module.exports, which Node's ESM loader (Playwright specs) gives as well as the bundlers.
declare module 'jstat' {
  const jstat: { studentt: { inv(p: number, dof: number): number } };
  export default jstat;
}
