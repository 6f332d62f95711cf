// Decap starts only when admin.mjs has registered our format, locale and
// previews and passed it the configuration (a file: the policy allows no
// inline script).
window.CMS_MANUAL_INIT = true;
