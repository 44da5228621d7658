// Starlight's additions to Astro.locals (starlightRoute), used by src/routeData.ts.
/// <reference types="@astrojs/starlight" />
