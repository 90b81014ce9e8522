// Starts `batchtyping lsp` for Python files; Pylance keeps every other diagnostic.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate() {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? "";
  const [command, ...args] = vscode.workspace
    .getConfiguration("batchtyping")
    .get("command")
    .map((part) => part.replace("${workspaceFolder}", folder));
  client = new LanguageClient(
    "batchtyping",
    "batchtyping",
    { command, args, options: { cwd: folder || undefined } },
    { documentSelector: [{ scheme: "file", language: "python" }] },
  );
  return client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
