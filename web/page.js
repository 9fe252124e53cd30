// The stancegraph query page: YASGUI (editor + results table) on this endpoint,
// with the canned queries one click away. Configuration comes from the server in
// the JSON block #sg-config. ?canned=NAME runs a canned query on load;
// ?endpoint=URL points the page at another stancegraph endpoint (CORS needed).
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("sg-config").textContent);
  var params = new URLSearchParams(window.location.search);
  var endpoint = params.get("endpoint") || new URL(cfg.endpoint, window.location.href).href;
  var status = document.getElementById("status");
  function say(text) { status.textContent = text; }

  // No autocompletion that would look things up on other sites.
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { value: cfg.defaultQuery },
  });

  function run(c) {
    var yasqe = yasgui.getTab().getYasqe();
    yasqe.setValue(c.sparql);
    say("running " + c.name + " ...");
    document.body.setAttribute("data-query", c.name);
    yasqe.query();
  }

  // YASR parses the response after this event: look once it has.
  function report(tab) {
    var yasr = tab.getYasr();
    var results = yasr && yasr.results;
    var err = results && results.getError ? results.getError() : "no response";
    if (!results || err) {
      var text = err && (err.text || err.statusText || err.status || String(err));
      say("error: " + (text || "request failed"));
      document.body.setAttribute("data-state", "error");
      return;
    }
    var bindings = results.getBindings ? results.getBindings() : null;
    say(bindings ? bindings.length + " row" + (bindings.length === 1 ? "" : "s") : "done");
    document.body.setAttribute("data-state", "done");
  }
  yasgui.on("queryResponse", function (_y, tab) {
    window.setTimeout(function () { report(tab); }, 0);
  });

  var list = document.getElementById("canned-list");
  cfg.canned.forEach(function (c) {
    var li = document.createElement("li");
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = c.name;
    b.title = c.purpose;
    b.setAttribute("data-canned", c.name);
    b.addEventListener("click", function () { run(c); });
    var p = document.createElement("span");
    p.textContent = c.purpose;
    li.appendChild(b);
    li.appendChild(p);
    list.appendChild(li);
  });

  var wanted = params.get("canned");
  if (wanted) {
    var c = cfg.canned.find(function (x) { return x.name === wanted; });
    if (c) { run(c); } else { say("no canned query named " + wanted); }
  }
})();
