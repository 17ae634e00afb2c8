export { ChecklistTiles } from './components/checklist-tiles';
export { ScheduleTile } from './components/schedule-tile';
export { OverridesTile, RunTiles, StickyTile } from './components/activity-tiles';
export { useChecklist } from './api/get-checklist';
