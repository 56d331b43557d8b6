// Follows a run: the server-sent event stream with a session cookie; with an API key (which EventSource cannot send)
// the run is polled once a second instead. Calls back on every change until the run is finished.
import { get, usesKey } from "../core/api";
import type { Run, RunEvent } from "../core/types";

const finished = new Set(["completed", "failed", "cancelled"]);

export function watchRun(runId: string, onEvent: (event: RunEvent) => void, onError: (error: unknown) => void): () => void {
  if (!usesKey()) {
    const source = new EventSource(`/api/v1/runs/${encodeURIComponent(runId)}/events`);
    const handle = (message: MessageEvent) => {
      const event = JSON.parse(message.data) as RunEvent;
      onEvent(event);
      if (finished.has(event.state)) source.close();
    };
    source.addEventListener("progress", handle as EventListener);
    source.addEventListener("finished", handle as EventListener);
    return () => source.close();
  }
  let stopped = false;
  const poll = async () => {
    while (!stopped) {
      try {
        const run = await get<Run>(`/api/v1/runs/${encodeURIComponent(runId)}`);
        onEvent({ runId, state: run.state, progress: run.progress, error: run.error });
        if (finished.has(run.state)) return;
      } catch (error) {
        onError(error);
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  };
  void poll();
  return () => { stopped = true; };
}

export const isFinished = (state: string) => finished.has(state);
