/** Every in-app URL, relative to the router's /ui basename, so features link without importing each other. */
export const paths = {
  workflows: () => '/',
  editor: (workflowId: string) => `/workflows/${workflowId}`,
  workflowExecutions: (workflowId: string) => `/workflows/${workflowId}/executions`,
  execution: (executionId: string) => `/executions/${executionId}`,
}
