// The course JSON, resolved by the '$course-data' alias in vite.config.ts
declare module '$course-data' {
  const data: unknown;
  export default data;
}
