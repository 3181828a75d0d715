// Types of check-build-machine.mjs (plain JavaScript so that it runs on the old Node versions it refuses).
export declare const MINIMUM_BUILD_NODE: string;
export declare function buildMachineProblem(machine: {
  nodeVersion: string;
  platform: string;
  npmNodedir?: string | undefined;
}): string | null;
