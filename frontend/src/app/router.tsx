import { createBrowserRouter } from 'react-router'
import { AppLayout } from '../components/AppLayout'
import { EditorPage } from '../features/editor/components/EditorPage'
import { ExecutionsPage } from '../features/executions/components/ExecutionsPage'
import { RunPage } from '../features/executions/components/RunPage'
import { WorkflowsPage } from '../features/workflows/components/WorkflowsPage'

/** The app's routes, under /ui where FastAPI serves the build (see `paths` for the links). */
export const router = createBrowserRouter(
  [
    {
      element: <AppLayout />,
      children: [
        { index: true, element: <WorkflowsPage /> },
        { path: 'workflows/:workflowId', element: <EditorPage /> },
        { path: 'workflows/:workflowId/executions', element: <ExecutionsPage /> },
        { path: 'executions/:executionId', element: <RunPage /> },
        { path: '*', element: <p className="page">This page does not exist.</p> },
      ],
    },
  ],
  { basename: import.meta.env.BASE_URL.replace(/\/$/, '') },
)
