export * from './export-student';
