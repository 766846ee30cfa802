from fastapi import APIRouter

from app.api.routes import (
    demo,
    events,
    executions,
    health,
    node_types,
    notifications,
    rules,
    workflows,
)

api_router = APIRouter()
for module in (workflows, events, executions, notifications, node_types, rules, health, demo):
    api_router.include_router(module.router)
