/** Star counts the fake GitHub serves for the example's repositories (test data, not real counts). */
export const EXAMPLE_STARS: Record<string, number> = {
  'LynnHo/Matrix-Calculus-Tutorial': 2100, 'VIPL-GENUN/Jodi': 180, 'xyfJASON/ctrlora': 240, 'Moreland-cas/Precise-NeRF': 12,
  'LynnHo/EigenGAN-Tensorflow': 330, 'LynnHo/AttGAN-Tensorflow': 610, 'LynnHo/PA-GAN-Tensorflow': 72, 'XuyangGuo/STD-GAN': 45,
};
