"""A variational autoencoder: params are ``(enc_params, dec_params)``."""

import jax
import jax.numpy as jnp
from jax import jit, random

from examples import datasets
from staxlike import optimizers, stax
from staxlike.stax import Dense, FanOut, Relu, Softplus


def gaussian_kl(mu, sigmasq):
    """KL divergence from a diagonal Gaussian to the standard Gaussian."""
    return -0.5 * jnp.sum(1.0 + jnp.log(sigmasq) - mu**2.0 - sigmasq)


def gaussian_sample(rng, mu, sigmasq):
    """Sample a diagonal Gaussian."""
    return mu + jnp.sqrt(sigmasq) * random.normal(rng, mu.shape)


def bernoulli_logpdf(logits, x):
    """Bernoulli log pdf of data x given logits."""
    return -jnp.sum(jnp.logaddexp(0.0, jnp.where(x, -1.0, 1.0) * logits))


def elbo(rng, params, images):
    """Monte Carlo estimate of the negative evidence lower bound."""
    enc_params, dec_params = params
    mu_z, sigmasq_z = encode(enc_params, images)
    logits_x = decode(dec_params, gaussian_sample(rng, mu_z, sigmasq_z))
    return bernoulli_logpdf(logits_x, images) - gaussian_kl(mu_z, sigmasq_z)


def image_sample(rng, params, nrow, ncol):
    """Sample images from the generative model."""
    _, dec_params = params
    code_rng, img_rng = random.split(rng)
    logits = decode(dec_params, random.normal(code_rng, (nrow * ncol, 2)))
    sampled_images = random.bernoulli(img_rng, jnp.logaddexp(0.0, logits))
    return sampled_images.reshape(nrow, ncol, -1)


encoder_init, encode = stax.serial(
    Dense(8), Relu, Dense(8), Relu, FanOut(2), stax.parallel(Dense(2), stax.serial(Dense(2), Softplus))
)

decoder_init, decode = stax.serial(Dense(8), Relu, Dense(8), Relu, Dense(16))


def init_params(rng):
    enc_init_rng, dec_init_rng = random.split(rng)
    _, init_encoder_params = encoder_init(enc_init_rng, (8, 16))
    _, init_decoder_params = decoder_init(dec_init_rng, (8, 2))
    return init_encoder_params, init_decoder_params


def main(num_steps=3, batch_size=8, step_size=0.001):
    images, _ = datasets.synthetic_images()
    images = (images > 0.5).astype(jnp.float32)
    opt_init, opt_update, get_params = optimizers.adam(step_size)
    opt_state = opt_init(init_params(random.key(1)))

    @jit
    def run_epoch(rng, opt_state):
        def body_fun(i, opt_state):
            elbo_rng, data_rng = random.split(random.fold_in(rng, i))
            batch = images[:batch_size]
            loss = lambda params: -elbo(elbo_rng, params, batch) / batch_size
            g = jax.grad(loss)(get_params(opt_state))
            return opt_update(i, g, opt_state)

        return jax.lax.fori_loop(0, num_steps, body_fun, opt_state)

    opt_state = run_epoch(random.key(2), opt_state)
    params = get_params(opt_state)
    samples = image_sample(random.key(3), params, 2, 2)
    return float(elbo(random.key(4), params, images[:batch_size])), samples.shape


if __name__ == "__main__":
    print(main())
