// Overview: the program at a glance — members, the store's liability, this month's movements.
import { Grid, Panel } from '@bigcommerce/big-design';
import type { AdminApi } from '../api';
import { Figure } from '../figure';
import { points } from '../format';
import { Loaded, useLoad } from '../load';
import type { Overview as Figures } from '../types';

const sections = (o: Figures) => [
  {
    header: 'Program',
    figures: { 'Members with points': o.members, 'Points outstanding': o.pointsOutstanding },
  },
  {
    header: 'This month',
    description: `Since ${new Date(o.month.start).toLocaleDateString('en-US', { dateStyle: 'medium' })}`,
    figures: {
      Earned: o.month.earned,
      Redeemed: o.month.redeemed,
      Reversed: o.month.reversed,
      Adjusted: o.month.adjusted,
    },
  },
  { header: 'Rewards', figures: { 'Codes issued': o.rewards.issued, 'Codes used': o.rewards.used } },
];

export function Overview({ api }: { api: AdminApi }) {
  const load = useLoad(api.overview, [api]);
  return (
    <Loaded load={load} what="the overview">
      {(o) =>
        sections(o).map(({ header, description, figures }) => (
          <Panel key={header} header={header} description={description}>
            <Grid gridColumns={{ mobile: '1fr', tablet: `repeat(${Object.keys(figures).length}, 1fr)` }} gridGap="1rem">
              {Object.entries(figures).map(([label, value]) => (
                <Figure boxed key={label} label={label}>
                  {points(value)}
                </Figure>
              ))}
            </Grid>
          </Panel>
        ))
      }
    </Loaded>
  );
}
