// Monaco's modules import their own CSS (125 KB). Astro links every stylesheet a page's
// scripts can reach — even through a lazy import() — so that CSS would load with every
// page that has a playground. This plugin turns Monaco's CSS imports into code that adds
// a <style> element when the editor module actually runs.
const PREFIX = '\0monaco-style:';

export default function monacoCssInJs() {
  return {
    name: 'aks-guide:monaco-css-in-js',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !source.endsWith('.css') || !importer.includes('monaco-editor')) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      // The '.js' suffix keeps Vite's own CSS handling away from this virtual module.
      return resolved ? `${PREFIX}${resolved.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      return `import css from ${JSON.stringify(file + '?inline')};
const style = document.createElement('style');
style.dataset.source = 'monaco';
style.textContent = css;
document.head.append(style);`;
    },
  };
}
