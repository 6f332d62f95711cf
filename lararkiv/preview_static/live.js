/* Öppna lärarkivet, förhandsvisning (invoke serve): laddar om sidan när ett
   nytt bygge är klart. Finns bara i förhandsvisningen; servern lägger till
   skriptet när sidan skickas, det skrivs aldrig till den byggda webbplatsen. */
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script && script.getAttribute("data-build");
  if (!shown || !window.EventSource) {
    return;
  }
  var events = new EventSource(script.getAttribute("data-events"));
  events.onmessage = function (event) {
    if (event.data && event.data !== shown) {
      shown = event.data;
      window.location.reload();
    }
  };
})();
