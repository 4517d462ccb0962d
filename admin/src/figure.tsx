// A labelled figure (a count, a balance, a date), as the overview and a customer's account show them.
import { Box, Text } from '@bigcommerce/big-design';
import type { ReactNode } from 'react';

export function Figure({ label, children, boxed }: { label: string; children: ReactNode; boxed?: boolean }) {
  return (
    <Box
      {...(boxed ? { border: 'box', borderRadius: 'normal', padding: 'medium', backgroundColor: 'white' } : {})}
      role="group"
      aria-label={label}
    >
      <Text color="secondary60" marginBottom="xxSmall">
        {label}
      </Text>
      <Text bold marginBottom="none" style={{ fontSize: '1.5rem', lineHeight: '2rem' }}>
        {children}
      </Text>
    </Box>
  );
}
