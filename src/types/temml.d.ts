declare module 'temml' {
  const temml: {
    renderToString(tex: string, options?: Record<string, unknown>): string;
  };
  export default temml;
}
