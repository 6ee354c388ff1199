// The help text of the CLI.
export const USAGE = `usage: dispatch-ts <command> [flags]

commands:
  serve [--dir .dispatch] [--addr 127.0.0.1:4450] [--endpoint URL] [--verbose]
      run the scheduler server (Dispatch API over HTTP) until interrupted
  run [--dir .dispatch] [--addr 127.0.0.1:0] [--verbose] -- COMMAND [ARGS...]
      run COMMAND with a scheduler server and its DISPATCH_* variables set;
      exits with COMMAND's exit code
  calls [--dir .dispatch] [--status S] [--limit 100] [--all] [--json]
      list root calls (all calls with --all), newest first
  show ID [--dir .dispatch] [--import MODULE] [--json]
      show a call, its children and its last error; with --import (the module
      defining the durable functions), the stack of a suspended call
  cancel ID [--dir .dispatch]
      cancel a call and everything below it; the calls waiting in it get a
      CancelledError at their await, so their catch/finally run first
  send-event KEY [PAYLOAD] [--dir .dispatch]
      deliver an event (PAYLOAD is JSON, default null) to the oldest call
      waiting in dispatch.waitForEvent(KEY), or keep it for the first one
  check --compat OLD NEW [--json]
      compare two builds' version manifests (dispatch-manifest.json) and list
      the frames whose in-flight calls a deploy from OLD to NEW would strand;
      exits with 1 when there are any, 0 when every suspended call resumes

statuses: queued, running, waiting, succeeded, failed, cancelled`;
