// A page renders into the main element from the route's parameters; what it returns is called when the user leaves.
export type Page = (main: HTMLElement, ...params: string[]) => Promise<void | (() => void)>;
