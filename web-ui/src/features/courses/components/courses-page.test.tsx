import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/api/client';
import { expectNoAxeViolations } from '@/testing/axe';
import { http } from '@/testing/http';
import { server } from '@/testing/server';
import { renderInDistrict } from '@/testing/test-utils';
import { CoursesPage } from './courses-page';

const schools: Schemas['School'][] = [
  { sourcedId: 'sch-1', name: 'Harbor High', included: true },
  { sourcedId: 'sch-2', name: 'Bay Middle', included: true },
];

/** 80 courses held "on the server": rules and explicit choices decide inclusion like the API does. */
function coursesApi() {
  const courses: Schemas['Course'][] = Array.from({ length: 80 }, (_, i) => ({
    sourcedId: `crs-${i + 1}`,
    schoolSourcedId: i < 70 ? 'sch-1' : 'sch-2',
    title: i % 2 ? `Algebra ${i + 1}` : `Art ${i + 1}`,
    courseCode: i % 2 ? `MATH-${i + 1}` : `ART-${i + 1}`,
    subjects: [i % 2 ? 'Mathematics' : 'Art'],
    grades: ['09'],
    status: 'active',
    explicitChoice: undefined,
    effectivelyIncluded: false,
    reason: 'NO_CHOICE',
    productIds: [],
  }));
  const rules: Schemas['CourseRule'][] = [];
  const selections: Schemas['CourseSelection'][] = [];
  const decide = (c: Schemas['Course']) => {
    const rule = rules.find((r) => c.courseCode!.startsWith(r.pattern!.replace('*', '')));
    if (c.explicitChoice != null) {
      c.effectivelyIncluded = c.explicitChoice;
      c.reason = c.explicitChoice ? 'EXPLICITLY_INCLUDED' : 'EXPLICITLY_EXCLUDED';
    } else if (rule) {
      c.effectivelyIncluded = rule.effect === 'INCLUDE';
      c.reason = rule.effect === 'INCLUDE' ? 'INCLUDED_BY_RULE' : 'EXCLUDED_BY_RULE';
    } else {
      c.effectivelyIncluded = false;
      c.reason = 'NO_CHOICE';
    }
  };
  server.use(
    http.get('/api/v1/districts/{districtId}/courses', ({ query, response }) => {
      const page = Number(query.get('page'));
      const size = Number(query.get('size'));
      const search = query.get('search')?.toLowerCase();
      const school = query.get('school');
      const matching = courses.filter((c) => (!search || c.title!.toLowerCase().includes(search)) && (!school || c.schoolSourcedId === school));
      return response(200).json({ items: matching.slice(page * size, page * size + size), page, size, total: matching.length });
    }),
    http.put('/api/v1/districts/{districtId}/courses/{sourcedId}', async ({ params, request, response }) => {
      const course = courses.find((c) => c.sourcedId === params.sourcedId)!;
      course.explicitChoice = (await request.json()).included ?? undefined;
      decide(course);
      return response(200).json(course);
    }),
    http.post('/api/v1/districts/{districtId}/courses/selection', async ({ request, response }) => {
      const body = await request.json();
      selections.push(body);
      let changed = 0;
      for (const c of courses) {
        if (body.all && (!body.school || c.schoolSourcedId === body.school) && c.explicitChoice !== body.included) {
          c.explicitChoice = body.included ?? undefined;
          changed += 1;
        }
        if (body.clear?.includes(c.sourcedId!)) {
          c.explicitChoice = undefined;
          changed += 1;
        }
        decide(c);
      }
      return response(200).json({ changed, includedTotal: courses.filter((c) => c.effectivelyIncluded).length });
    }),
    http.get('/api/v1/districts/{districtId}/schools', ({ query, response }) => {
      expect(query.get('included')).toBe('true');
      return response(200).json({ items: schools, page: 0, size: 500, total: schools.length });
    }),
    http.get('/api/v1/districts/{districtId}/course-rules', ({ response }) => response(200).json(rules)),
    http.post('/api/v1/districts/{districtId}/course-rules', async ({ request, response }) => {
      const body = await request.json();
      const rule = { id: rules.length + 1, ...body, matchingCourses: 0, createdAt: '2026-11-23T18:00:00Z' };
      rules.push(rule);
      courses.forEach(decide);
      rule.matchingCourses = courses.filter((c) => c.reason === 'INCLUDED_BY_RULE').length;
      return response.untyped(HttpResponse.json(rule, { status: 201 }));
    }),
    http.get('/api/v1/districts/{districtId}/checklist', ({ response }) => response(200).json({ steps: [] })),
  );
  return { courses, rules, selections };
}

describe('Courses', () => {
  it('given 80 courses, when the admin adds a MATH-* rule, leaves one out with ✕ and clears it in bulk, then each course shows its effective inclusion and why', async () => {
    const { courses, rules, selections } = coursesApi();
    const { user, container } = await renderInDistrict(<CoursesPage />, { subPath: '/courses' });

    expect(await screen.findByText('Showing 1–50 of 80 courses')).toBeInTheDocument();
    expect(screen.getByText('No rules yet: only the courses you include by hand are rostered.')).toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.type(screen.getByRole('textbox', { name: 'Pattern' }), 'MATH-*');
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(await screen.findByText('Rule added: it matches 40 courses now.')).toBeInTheDocument();
    expect(rules).toMatchObject([{ matchField: 'SUBJECT', pattern: 'MATH-*', effect: 'INCLUDE' }]);
    const algebra = await screen.findByRole('row', { name: /Algebra 2 / });
    expect(within(algebra).getByText('Included by a rule')).toBeInTheDocument();

    await user.click(within(algebra).getByRole('button', { name: 'Leave out Algebra 2' }));
    await waitFor(() => expect(courses[1]!.explicitChoice).toBe(false));
    expect(await within(screen.getByRole('row', { name: /Algebra 2 / })).findByText('You left it out')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Select Algebra 2' }));
    await user.click(screen.getByRole('button', { name: 'Clear selected (rules decide)' }));
    expect(await screen.findByText(/1 changed, 40 courses included in total/)).toBeInTheDocument();
    expect(selections).toEqual([{ clear: ['crs-2'] }]);
    expect(await within(screen.getByRole('row', { name: /Algebra 2 / })).findByText('Included by a rule')).toBeInTheDocument();
  });

  it('given two included schools, when the admin picks one, then only its courses show and Include all includes exactly those', async () => {
    const { courses, selections } = coursesApi();
    const { user, container } = await renderInDistrict(<CoursesPage />, { subPath: '/courses' });
    expect(await screen.findByText('Showing 1–50 of 80 courses')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /Art 1 / })).getByText('Harbor High')).toBeInTheDocument();

    const picker = screen.getByRole('combobox', { name: 'School' });
    await user.click(picker);
    await user.click(within(document.getElementById(picker.getAttribute('aria-controls')!)!).getByRole('option', { name: 'Bay Middle', hidden: true }));
    expect(await screen.findByText('Showing 1–10 of 10 courses')).toBeInTheDocument();
    expect(screen.queryByRole('row', { name: /Art 1 / })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Include all 10 matching' }));
    expect(await screen.findByText('Including every course of Bay Middle: 10 changed, 10 courses included in total.')).toBeInTheDocument();
    expect(selections).toEqual([{ all: true, included: true, school: 'sch-2' }]);
    expect(courses.filter((c) => c.effectivelyIncluded).map((c) => c.schoolSourcedId)).toEqual(Array(10).fill('sch-2'));

    // Back to every school with the keyboard alone.
    picker.focus();
    await user.keyboard('{Control>}a{/Control}{Backspace}All included{ArrowDown}{Enter}');
    expect(await screen.findByText('Showing 1–50 of 80 courses')).toBeInTheDocument();
    expect(picker).toHaveValue('All included schools');
  });
});
