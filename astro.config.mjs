// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { existsSync, readdirSync } from 'node:fs';
import rehypeBaseLinks, { rehypeFocusableTables } from './scripts/rehype-content.mjs';
import remarkFactsChecked from './scripts/remark-facts.mjs';
import monacoCssInJs from './scripts/vite-monaco-css.mjs';
import yamlWorkerWithoutPrettier from './scripts/vite-yaml-worker.mjs';
import csp from './scripts/csp.mjs';

// Sidebar groups, in reading order. A group appears once its directory holds a page, so
// the sidebar never lists a topic the guide does not yet cover.
const topics = [
  ['Kubernetes networking basics', 'basics'],
  ['Network plugins and IP planning', 'plugins'],
  ['Services', 'services'],
  ['Ingress', 'ingress'],
  ['Network policies', 'network-policies'],
  ['NSGs and egress', 'nsg-egress'],
  ['Private access and bastion', 'private-access'],
  ['WAF', 'waf'],
  ['DNS', 'dns'],
  ['Troubleshooting', 'troubleshooting'],
  // The "Start here" path ends with Troubleshooting and then the exercises (src/onboarding.ts);
  // reference sections off the path come after it.
  ['Exercises', 'exercises'],
  ['Retirements and changes', 'changes'],
  ['Tools', 'tools'],
];
const docs = new URL('./src/content/docs/', import.meta.url);
const hasPages = (dir) => {
  const u = new URL(`${dir}/`, docs);
  return existsSync(u) && readdirSync(u).some((f) => /\.mdx?$/.test(f));
};

function toolCss() {
  const dir = new URL('./src/styles/tools/', import.meta.url);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.css')).sort().map((f) => `./src/styles/tools/${f}`) : [];
}

// BASE_PATH lets the same build be served under a sub-path (e.g. /aks-guide/).
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site: process.env.SITE_URL ?? 'https://aks-networking.example.org',
  base,
  trailingSlash: 'always',
  // Old page paths → new ones. Runbooks link into this site: when a page is renamed or
  // moved, add its old path here (the link check fails until you do).
  redirects: {},
  markdown: { processor: unified({ remarkPlugins: [remarkFactsChecked], rehypePlugins: [[rehypeBaseLinks, { base }], rehypeFocusableTables] }) },
  integrations: [
    starlight({
      title: 'AKS Networking Field Guide',
      description: 'Azure Kubernetes Service networking, with playgrounds that run in your browser.',
      lastUpdated: false,
      pagination: true,
      // Tool views may add a stylesheet of their own in src/styles/tools/.
      // Wrapped code lines: no horizontal scrolling on phones, and no unnamed scroll regions.
      expressiveCode: { defaultProps: { wrap: true } },
      routeMiddleware: './src/routeData.ts',
      components: { Sidebar: './src/components/Sidebar.astro', Search: './src/components/Search.astro' },
      customCss: ['./src/styles/site.css', './src/styles/playground.css', ...toolCss()],
      sidebar: [
        ...(existsSync(new URL('start-here.mdx', docs)) ? [{ label: 'Start here', link: '/start-here/' }] : []),
        ...topics.filter(([, dir]) => hasPages(dir)).map(([label, directory]) => ({ label, items: [{ autogenerate: { directory } }] })),
      ],
    }),
    mdx(),
    csp(),
  ],
  vite: {
    plugins: [monacoCssInJs()],
    build: { chunkSizeWarningLimit: 4000 },
    worker: { format: 'es', plugins: () => [yamlWorkerWithoutPrettier()] },
  },
});
