// Starlight's additions to Astro.locals (starlightRoute), used by src/routeData.ts.
/// <reference path="../node_modules/@astrojs/starlight/dist/global.d.ts" />
