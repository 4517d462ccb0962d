// Overview: the program at a glance — members, the store's liability, this month's movements.
import { Grid, Panel } from '@bigcommerce/big-design';
import type { AdminApi } from '../api';
import { Figure } from '../figure';
import { points } from '../format';
import { Loaded, useLoad } from '../load';

export function Overview({ api }: { api: AdminApi }) {
  const load = useLoad(api.overview, [api]);
  return (
    <Loaded load={load} what="the overview">
      {(o) => (
        <>
          <Panel header="Program">
            <Grid gridColumns={{ mobile: '1fr', tablet: 'repeat(2, 1fr)' }} gridGap="1rem">
              <Figure boxed label="Members with points">
                {points(o.members)}
              </Figure>
              <Figure boxed label="Points outstanding">
                {points(o.pointsOutstanding)}
              </Figure>
            </Grid>
          </Panel>
          <Panel
            header="This month"
            description={`Since ${new Date(o.month.start).toLocaleDateString('en-US', { dateStyle: 'medium' })}`}
          >
            <Grid gridColumns={{ mobile: '1fr', tablet: 'repeat(4, 1fr)' }} gridGap="1rem">
              <Figure boxed label="Earned">
                {points(o.month.earned)}
              </Figure>
              <Figure boxed label="Redeemed">
                {points(o.month.redeemed)}
              </Figure>
              <Figure boxed label="Reversed">
                {points(o.month.reversed)}
              </Figure>
              <Figure boxed label="Adjusted">
                {points(o.month.adjusted)}
              </Figure>
            </Grid>
          </Panel>
          <Panel header="Rewards">
            <Grid gridColumns={{ mobile: '1fr', tablet: 'repeat(2, 1fr)' }} gridGap="1rem">
              <Figure boxed label="Codes issued">
                {points(o.rewards.issued)}
              </Figure>
              <Figure boxed label="Codes used">
                {points(o.rewards.used)}
              </Figure>
            </Grid>
          </Panel>
        </>
      )}
    </Loaded>
  );
}
