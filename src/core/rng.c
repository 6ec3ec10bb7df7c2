/*
 * rng: SplitMix64 finalisers over the draw's coordinates (see rng.h).  The
 * mixing is the well-known SplitMix64 step (Steele, Lea, Flood 2014), applied
 * to each coordinate in turn so that nearby coordinates give unrelated draws.
 */
#include "core/rng.h"

static uint64_t
rng_mix(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t
rng_draw(uint64_t seed, int week, enum rng_purpose purpose, int index)
{
	uint64_t	 z = rng_mix(seed);

	z = rng_mix(z ^ (uint64_t)(uint32_t)week);
	z = rng_mix(z ^ ((uint64_t)purpose << 32));
	return rng_mix(z ^ (uint64_t)(uint32_t)index);
}

int
rng_percent(uint64_t seed, int week, enum rng_purpose purpose, int index)
{
	return (int)(rng_draw(seed, week, purpose, index) % 100);
}

int
rng_below(uint64_t seed, int week, enum rng_purpose purpose, int index, int n)
{
	return n <= 0 ? 0 : (int)(rng_draw(seed, week, purpose, index) %
	    (uint64_t)n);
}
