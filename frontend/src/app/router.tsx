import { createBrowserRouter } from 'react-router'
import { AppLayout } from '../components/AppLayout'
import { WorkflowsPage } from '../features/workflows/components/WorkflowsPage'

/**
 * The app's routes, under /ui where FastAPI serves the build (see `paths` for the links). The
 * canvas screens load on demand, so the workflow list does not wait for React Flow.
 */
export const router = createBrowserRouter(
  [
    {
      element: <AppLayout />,
      hydrateFallbackElement: <p className="page muted">Loading…</p>,
      children: [
        { index: true, element: <WorkflowsPage /> },
        {
          path: 'workflows/:workflowId',
          lazy: () => import('../features/editor/components/EditorPage').then(({ EditorPage }) => ({ Component: EditorPage })),
        },
        {
          path: 'workflows/:workflowId/executions',
          lazy: () => import('../features/executions/components/ExecutionsPage').then(({ ExecutionsPage }) => ({ Component: ExecutionsPage })),
        },
        {
          path: 'executions/:executionId',
          lazy: () => import('../features/executions/components/RunPage').then(({ RunPage }) => ({ Component: RunPage })),
        },
        { path: '*', element: <p className="page">This page does not exist.</p> },
      ],
    },
  ],
  { basename: import.meta.env.BASE_URL.replace(/\/$/, '') },
)
