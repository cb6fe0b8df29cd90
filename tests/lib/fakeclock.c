/*
 * fakeclock.c - an LD_PRELOAD shim that moves the wall clock by
 * L10N_FAKE_OFFSET seconds (time, gettimeofday, clock_gettime with
 * CLOCK_REALTIME), for the reproducibility test: two builds "an hour
 * apart" must give the same bytes.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static long
offset(void)
{
	const char *s = getenv("L10N_FAKE_OFFSET");

	return s != NULL ? strtol(s, NULL, 10) : 0;
}

time_t
time(time_t *t)
{
	struct timespec ts;
	static int (*real)(clockid_t, struct timespec *);

	if (real == NULL)
		real = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
	real(CLOCK_REALTIME, &ts);
	ts.tv_sec += offset();
	if (t != NULL)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int
gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	static int (*real)(struct timeval *restrict, void *restrict);
	int r;

	if (real == NULL)
		real = (int (*)(struct timeval *restrict, void *restrict))dlsym(RTLD_NEXT, "gettimeofday");
	r = real(tv, tz);
	if (r == 0)
		tv->tv_sec += offset();
	return r;
}

int
clock_gettime(clockid_t id, struct timespec *ts)
{
	static int (*real)(clockid_t, struct timespec *);
	int r;

	if (real == NULL)
		real = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
	r = real(id, ts);
	if (r == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE))
		ts->tv_sec += offset();
	return r;
}
