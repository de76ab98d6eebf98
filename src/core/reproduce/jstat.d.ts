// The one jstat function we use (jstat ships no types).
declare module 'jstat' {
  export const jStat: { studentt: { inv(p: number, dof: number): number } };
}
