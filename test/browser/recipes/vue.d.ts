/** The full Vue build (runtime + template compiler) for browsers without a bundler; same API as `vue`. */
declare module 'vue/dist/vue.esm-browser.js' {
  export * from 'vue';
}
