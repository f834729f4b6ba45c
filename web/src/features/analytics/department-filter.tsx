import { For } from 'solid-js';
import { Field } from '../../components/field';

/** Narrows a report to one department, for the viewers who see several (admins and Creative managers). */
export function DepartmentFilter(props: {
  departments: readonly { id: string; name: string }[];
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  return (
    <Field label="Department" class="report-filter">
      {(control) => (
        <select class="field-input" {...control} value={props.value ?? ''} onChange={(event) => props.onChange(event.currentTarget.value || undefined)}>
          <option value="" selected={!props.value}>
            All departments
          </option>
          <For each={props.departments}>
            {(department) => (
              <option value={department.id} selected={department.id === props.value}>
                {department.name}
              </option>
            )}
          </For>
        </select>
      )}
    </Field>
  );
}

/** Whether the viewer reads several departments' figures and so may pick one. */
export function seesSeveralDepartments(viewer: { role: string; department?: { isCreative: boolean } | null } | null | undefined): boolean {
  return viewer?.role === 'ADMIN' || (viewer?.role === 'MANAGER' && viewer.department?.isCreative === true);
}
