import type { TitledWork } from './fake-scholar.js';

/**
 * The works the fake OpenAlex knows for the example's entries (test data, not real counts). S2GAN
 * is listed under 2020 while the entry says 2019 (as a conference year and an index's year can
 * differ): a lookup by exact title and year must not take it.
 */
export const EXAMPLE_CITATIONS: TitledWork[] = [
  { title: 'Jodi: Unification of Visual Generation and Understanding via Joint Modeling', year: 2025, count: 25 },
  { title: 'CtrLoRA: An Extensible and Efficient Framework for Controllable Image Generation', year: 2025, count: 40 },
  { title: 'Precise Integral in NeRFs: Overcoming the Approximation Errors of Numerical Quadrature', year: 2025, count: 3 },
  { title: 'EigenGAN: Layer-Wise Eigen-Learning for GANs', year: 2021, count: 95 },
  { title: 'AttGAN: Facial Attribute Editing by Only Changing What You Want', year: 2019, count: 1450 },
  { title: 'S2GAN: Share Aging Factors Across Ages and Share Aging Trends Among Individuals', year: 2020, count: 60 },
  { title: 'PA-GAN: Progressive Attention Generative Adversarial Network for Facial Attribute Editing', year: 2020, count: 70 },
  { title: 'Image Style Disentangling for Instance-Level Facial Attribute Transfer', year: 2021, count: 12 },
];

/**
 * The same counts for the entries whose `pdf` is an arxiv.org address: they are looked up by arXiv
 * id (OpenAlex's arXiv DOI), not by title.
 */
export const EXAMPLE_ARXIV_COUNTS: Record<string, number> = { 'arxiv:2505.19084': 25, 'arxiv:2410.09400': 40, 'arxiv:2007.05892': 70 };
