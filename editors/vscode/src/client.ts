// The real language client: vscode-languageclient over the tm-ls process's stdio.
// Loaded lazily by extension.ts so that unit tests can inject a fake client.
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";
import type { ClientFactory, TmLsClient } from "./extension";

const RESOURCE_FINDINGS = "tm-ls.resourceFindings";

/** Files the server analyses (by language when a Terraform extension is installed, else by name). */
export const DOCUMENT_SELECTOR = [
  { scheme: "file", language: "terraform" },
  { scheme: "file", language: "terraform-vars" },
  { scheme: "file", language: "tm-hcl" },
  { scheme: "file", pattern: "**/*.tf" },
  { scheme: "file", pattern: "**/*.tf.json" },
  { scheme: "file", pattern: "**/*.tfvars" },
  { scheme: "file", pattern: "**/*.tm.hcl" },
  { scheme: "file", pattern: "**/.tm-ls.hcl" },
];

/** Creates a vscode-languageclient LanguageClient with id "tm-ls" (so tm-ls.trace.server applies). */
export const createLanguageClient: ClientFactory = (server, init, output, hooks) => {
  const serverOptions: ServerOptions = {
    command: server.command,
    args: server.args,
    transport: TransportKind.stdio,
    options: { cwd: server.cwd },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions: init,
    outputChannel: output,
    diagnosticCollectionName: "tm-ls",
    middleware: {
      // The server's code lenses ("2 threats · high") run tm-ls.resourceFindings;
      // its answer is shown to the user rather than dropped.
      executeCommand: async (command, args, next) => {
        const result = await next(command, args);
        if (command === RESOURCE_FINDINGS) {
          await hooks.onResourceFindings(result);
        }
        return result;
      },
    },
  };
  const c = new LanguageClient("tm-ls", "tm-ls", serverOptions, clientOptions);
  const wrapped: TmLsClient = {
    start: () => c.start(),
    stop: () => c.stop(),
    executeCommand: (command, args) => c.sendRequest("workspace/executeCommand", { command, arguments: args }),
    serverCommands: () => {
      const p = c.initializeResult?.capabilities.executeCommandProvider;
      return p ? p.commands : [];
    },
  };
  return wrapped;
};
