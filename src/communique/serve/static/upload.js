// Upload with per-file progress: each file posted on its own to the API (with the page's CSRF
// token), then its job polled until it is done. Without JavaScript the form posts as usual.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  var input = document.getElementById("files");
  var drop = document.getElementById("drop");
  var list = document.getElementById("progress");
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  if (!form || !window.fetch || !window.FormData) { return; }
  // The words shown come from the page (translated there), not from this file.
  function word(name, fallback) { return form.getAttribute("data-" + name) || fallback; }

  function row(name) {
    var li = document.createElement("li");
    li.textContent = name + ": …";
    list.appendChild(li);
    return li;
  }
  function show(li, name, text, state) {
    li.textContent = name + ": " + text;  // textContent: a file name is never read as HTML
    li.className = state || "";
  }
  function poll(li, name, url) {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (job) {
        var file = job.files && job.files[0];
        if (job.state === "done" || job.state === "failed") {
          var outcome = file ? file.outcome : job.state;
          var docs = file && file.documents ? file.documents : [];
          show(li, name, word(outcome, outcome) + (file && file.reason ? " (" + file.reason + ")" : ""), outcome);
          docs.forEach(function (id) {
            var a = document.createElement("a");
            a.href = "/documents/" + encodeURIComponent(id);
            a.textContent = " " + id.slice(0, 8);
            li.appendChild(a);
          });
        } else {
          show(li, name, word("running", job.state) + " " + job.done + "/" + job.total, "running");
          setTimeout(function () { poll(li, name, url); }, 700);
        }
      })
      .catch(function () { show(li, name, word("lost", "lost contact with the server"), "rejected"); });
  }
  function send(file) {
    var li = row(file.name);
    var body = new FormData();
    body.append("files", file, file.name);
    fetch("/api/v1/uploads", {method: "POST", body: body, credentials: "same-origin",
                              headers: {"X-CSRF-Token": csrf, "Accept": "application/json"}})
      .then(function (r) { return r.json().then(function (data) { return {ok: r.ok, data: data}; }); })
      .then(function (answer) {
        if (!answer.ok) { show(li, file.name, answer.data.error.message, "rejected"); return; }
        show(li, file.name, word("queued", "queued"), "running");
        poll(li, file.name, "/api/v1/jobs/" + encodeURIComponent(answer.data.id));
      })
      .catch(function () { show(li, file.name, word("failed", "upload failed"), "rejected"); });
  }
  function sendAll(files) { Array.prototype.forEach.call(files, send); }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    sendAll(input.files);
    form.reset();
  });
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (event) { sendAll(event.dataTransfer.files); });
}());
